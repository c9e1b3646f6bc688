/**
 * The statistics of the panel's quality figures (issue 14), one module for eval and calibrate:
 * pure functions, each tested against known values (test/stats/, test/calibrate/stats.test.ts).
 */
export { agreement, effectiveVotes, histogram, mean, pearson, quantile, sd, seeded, type Random } from './describe.js';
export { bootstrapKappa, cohenKappa, cohensKappa, type BootstrapInterval, type KappaOutcome, type KappaParts } from './kappa.js';
