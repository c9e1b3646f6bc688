/**
 * `--budget-usd`: a stop rule checked before each tool starts. A tool's estimate is the
 * average real cost of the run's finished tools once there is one (the best predictor for the
 * next tool of the same source), and until then `planReview`'s estimate for that tool (its
 * file's real text, or a full-budget page for a URL: on the high side). A tool starts only if
 * spent + the estimates of the tools in flight + its own estimate stays within the budget.
 *
 * It is not a hard cap: a started tool costs what it costs, so the total can pass the budget
 * by the difference between estimates and real costs of the last tools in flight.
 */
export interface BudgetOptions {
  limitUsd: number;
  /** Already spent by this run in earlier invocations (its done items' drafts). */
  spentUsd: number;
  /** Costs of the run's tools finished earlier, to seed the running average. */
  finishedCosts: number[];
  /** The planned estimate for one tool, used until a tool of this run has finished. */
  plannedEstimate: (target: string) => Promise<number>;
}

export interface Reservation {
  readonly estimateUsd: number;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; estimateUsd: number; spentUsd: number; inFlightUsd: number };

export class Budget {
  private spent: number;
  private inFlight = 0;
  private finishedCount: number;
  private finishedTotal: number;

  constructor(private readonly options: BudgetOptions) {
    this.spent = options.spentUsd;
    this.finishedCount = options.finishedCosts.length;
    this.finishedTotal = options.finishedCosts.reduce((sum, cost) => sum + cost, 0);
  }

  get limitUsd(): number {
    return this.options.limitUsd;
  }

  get spentUsd(): number {
    return this.spent;
  }

  async estimate(target: string): Promise<number> {
    if (this.finishedCount > 0) return this.finishedTotal / this.finishedCount;
    try {
      return await this.options.plannedEstimate(target);
    } catch {
      // A target that cannot even be planned will fail at once, costing nothing.
      return 0;
    }
  }

  /** Reserves the tool's estimate, or says why it may not start. */
  async reserve(target: string): Promise<ReserveResult> {
    const estimateUsd = await this.estimate(target);
    // Checked after the await: other tools may have reserved meanwhile.
    if (this.spent + this.inFlight + estimateUsd > this.options.limitUsd) {
      return { ok: false, estimateUsd, spentUsd: this.spent, inFlightUsd: this.inFlight };
    }
    this.inFlight += estimateUsd;
    return { ok: true, reservation: { estimateUsd } };
  }

  /** The tool finished: its real cost replaces its estimate. A failed tool's spend is unknown: 0. */
  settle(reservation: Reservation, actualUsd: number | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - reservation.estimateUsd);
    if (actualUsd === undefined) return;
    this.spent += actualUsd;
    this.finishedCount += 1;
    this.finishedTotal += actualUsd;
  }

  /** The tool never ran (a stop came first) or was abandoned unfinished. */
  release(reservation: Reservation): void {
    this.inFlight = Math.max(0, this.inFlight - reservation.estimateUsd);
  }
}
