/**
 * Command-line entry for building the provider bundle (prints its path):
 *   npx esbuild provider/build-main.ts --bundle --platform=node --packages=external \
 *     --outfile=dist/provider/build.cjs --log-level=warning && node dist/provider/build.cjs
 * Kept apart from build.ts so that bundling build.ts into another program
 * (the keyvault-emulator CLI) never triggers a build on load.
 */
import { buildProvider } from './build';

buildProvider().then(
  (built) => console.log(built.bundlePath),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
