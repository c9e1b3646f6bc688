/**
 * The engine's calibration history (issue 14's routing) is read once per database, however
 * many store wrappers share it: a batch wraps the one store per tool, and reading the whole
 * history per tool would make a batch quadratic in its store.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { assembleEngine } from '../../src/engine/index.js';
import { loadReviewContext } from '../../src/review/index.js';
import { openStore } from '../../src/store/index.js';

describe('engine.calibration()', () => {
  it('is built once per database connection, shared by withStore wrappers, and absent without a store', async () => {
    const context = await loadReviewContext();
    const config = loadConfig({ OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:fake-model' });
    const store = openStore(':memory:');
    const other = openStore(':memory:');
    try {
      const engine = assembleEngine(config, context, { store });
      const history = engine.calibration();
      expect(history).toBeTypeOf('function');
      // An empty store has no history for any persona.
      expect(history?.('builder', 'openai:fake-model')).toBeNull();
      // A batch item's wrapper of the same store: the same history, not a second read.
      const wrapper = { ...store, saveDraft: store.saveDraft };
      expect(engine.withStore(wrapper).calibration()).toBe(history);
      expect(engine.withModelWrapper((model) => model).calibration()).toBe(history);
      // Another database has its own.
      const second = engine.withStore(other).calibration();
      expect(second).toBeTypeOf('function');
      expect(second).not.toBe(history);
      expect(engine.withStore(undefined).calibration()).toBeUndefined();
    } finally {
      store.close();
      other.close();
    }
  });
});
