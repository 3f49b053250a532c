// mocha's spec reporter plus one plain closing line, `mocha: N passed, N failed`, which CI
// reads to tell a run that tested something from one that ran nothing.
import Mocha from 'mocha';

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // Registered after Spec's own epilogue, so this is the last line printed.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      const skipped = s?.pending ? `, ${s.pending} skipped` : '';
      process.stdout.write(`mocha: ${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed${skipped}\n`);
    });
  }
}

export = SpecWithTotals;
