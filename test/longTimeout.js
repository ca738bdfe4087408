// Slow projects (child processes, terraform, crash rounds): Jest ignores `testTimeout` inside
// `projects`, so the timeout is set here, per test file.
jest.setTimeout(600_000);
