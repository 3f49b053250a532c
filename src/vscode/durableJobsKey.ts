// Where the extension's global state keeps durable jobs. Its own module so the entry point can
// look for stored jobs at start-up without loading the engine.
export const DURABLE_JOBS_KEY = 'geekaiImage.durableJobs';
