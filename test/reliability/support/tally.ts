// The reliability suite's running score. Every case reports into it from real checks (a fault
// was injected and its outcome verified; a bad input was tried and refused; files compared
// byte for byte; text scanned for the key), and one line sums it up at the end of the run.

export interface Tally {
  faultsInjected: number;
  faultsHandled: number;
  badInputsTried: number;
  badInputsRefused: number;
  /** Pre-existing files that vanished or changed, new files that are empty, partial or stray temp files. */
  fileProblems: number;
  keyLeaks: number;
  /** Hostile inputs (a crafted repo, file or server answer) tried, and those that did nothing. */
  hostileTried: number;
  hostileHarmless: number;
  /** One line per problem, for the failure message. */
  problems: string[];
}

const tally: Tally = {
  faultsInjected: 0,
  faultsHandled: 0,
  badInputsTried: 0,
  badInputsRefused: 0,
  fileProblems: 0,
  keyLeaks: 0,
  hostileTried: 0,
  hostileHarmless: 0,
  problems: [],
};

export function faultInjected(): void {
  tally.faultsInjected++;
}

export function faultHandled(): void {
  tally.faultsHandled++;
}

export function badInputTried(): void {
  tally.badInputsTried++;
}

export function badInputRefused(): void {
  tally.badInputsRefused++;
}

export function fileProblems(where: string, problems: readonly string[]): void {
  tally.fileProblems += problems.length;
  for (const p of problems) tally.problems.push(`${where}: file ${p}`);
}

export function keyLeaks(where: string, places: readonly string[]): void {
  tally.keyLeaks += places.length;
  for (const p of places) tally.problems.push(`${where}: key leaked into ${p}`);
}

export function snapshot(): Readonly<Tally> {
  return { ...tally, problems: [...tally.problems] };
}

export function summaryLine(t: Readonly<Tally> = tally): string {
  return (
    `Reliability: faults injected ${t.faultsInjected} / handled ${t.faultsHandled}; ` +
    `bad inputs tried ${t.badInputsTried} / refused or neutralised ${t.badInputsRefused}; ` +
    `hostile inputs tried ${t.hostileTried} / harmless ${t.hostileHarmless}; ` +
    `files lost, partial or overwritten: ${t.fileProblems}; key leaks: ${t.keyLeaks}`
  );
}

/** What is wrong with the totals, or an empty list when the run proved what it should. */
export function verdict(t: Readonly<Tally> = tally): string[] {
  const out: string[] = [];
  if (t.faultsInjected === 0) out.push('no fault was injected');
  if (t.badInputsTried === 0) out.push('no bad input was tried');
  if (t.faultsHandled !== t.faultsInjected) out.push(`${t.faultsInjected - t.faultsHandled} fault(s) not handled`);
  if (t.badInputsRefused !== t.badInputsTried)
    out.push(`${t.badInputsTried - t.badInputsRefused} bad input(s) not refused`);
  if (t.hostileTried === 0) out.push('no hostile input was tried');
  if (t.hostileHarmless !== t.hostileTried) out.push(`${t.hostileTried - t.hostileHarmless} hostile input(s) did harm`);
  if (t.fileProblems !== 0) out.push(`${t.fileProblems} file(s) lost, partial or overwritten`);
  if (t.keyLeaks !== 0) out.push(`${t.keyLeaks} key leak(s)`);
  return [...out, ...t.problems.slice(0, 20)];
}

/** `it` for a fault: counted as injected when it starts, as handled only when every check passed. */
export function faultCase(title: string, body: () => Promise<void>, timeoutMs?: number): Mocha.Test {
  const test = it(title, async () => {
    faultInjected();
    await body();
    faultHandled();
  });
  if (timeoutMs !== undefined) test.timeout(timeoutMs);
  return test;
}

/**
 * `it` for a bad input: counted as tried when it starts, as refused only when every check passed.
 * "Refused" includes neutralised: control characters stripped, a reserved file name made safe,
 * hostile text shown as text; the case's checks say which.
 */
export function badInputCase(title: string, body: () => Promise<void>, timeoutMs?: number): Mocha.Test {
  const test = it(title, async () => {
    badInputTried();
    await body();
    badInputRefused();
  });
  if (timeoutMs !== undefined) test.timeout(timeoutMs);
  return test;
}

/**
 * `it` for a hostile input (a crafted repository, image file, setting or server answer): counted as
 * tried when it starts, as harmless only when every check passed (nothing sent, read, written,
 * linked or run that the user did not ask for; bounded time and memory).
 */
export function hostileCase(title: string, body: () => Promise<void>, timeoutMs?: number): Mocha.Test {
  const test = it(title, async () => {
    tally.hostileTried++;
    await body();
    tally.hostileHarmless++;
  });
  if (timeoutMs !== undefined) test.timeout(timeoutMs);
  return test;
}
