/**
 * Which of a provider's recent answers were 429s: a fixed-size ring, so telling an isolated
 * refusal from sustained ones costs the same at the 10th call and the 10 millionth.
 */
export class RecentOutcomes {
  private readonly outcomes: boolean[] = [];
  private next = 0;
  private limited = 0;

  constructor(private readonly size: number) {}

  record(rateLimited: boolean): void {
    if (this.outcomes.length < this.size) this.outcomes.push(rateLimited);
    else {
      const index = this.next % this.size;
      if (this.outcomes[index]) this.limited -= 1;
      this.outcomes[index] = rateLimited;
    }
    if (rateLimited) this.limited += 1;
    this.next += 1;
  }

  /** True when at least `share` of a full window's worth of answers were 429s. */
  atLeast(share: number): boolean {
    return this.limited >= Math.max(1, share * this.size);
  }
}
