// The line a person can quote after `npm test`. A root-level hook, so it runs once, after every
// suite (the browser tests' injection cases report into the same tally), and fails the run when
// a fault went unhandled, a bad input got through, a file was hurt or the key leaked.
import assert from 'node:assert/strict';
import { summaryLine, verdict } from './support/tally';

after(function () {
  console.log(`\n  ${summaryLine()}\n`);
  const wrong = verdict();
  assert.deepEqual(wrong, [], `the reliability summary is off:\n${wrong.join('\n')}`);
});
