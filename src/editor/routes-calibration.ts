/**
 * `GET /calibration`: the calibration report of the store with its plots (`?simulated=1`
 * includes simulated reviews, labelled), and its stylesheet. Read-only, signed-in like every
 * desk page (the app's middleware runs first).
 */
import { Hono } from 'hono';
import { buildCalibrationReport, calibrationPlots } from '../calibrate/index.js';
import { chrome, type EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';
import { CALIBRATION_CSS, CALIBRATION_CSS_PATH, calibrationPage } from './views/calibration.js';

export function calibrationRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();
  app.get(CALIBRATION_CSS_PATH, (c) => c.body(CALIBRATION_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/calibration', (c) => {
    const report = buildCalibrationReport(deps.store, {
      includeSimulated: c.req.query('simulated') === '1',
      band: deps.config.calibration.band,
      agreementLevel: deps.config.calibration.agreementLevel,
    });
    return c.html(calibrationPage({ report, plots: calibrationPlots(report) }, chrome(c, deps)));
  });
  return app;
}
