// The stall benchmark's answer servers in a process of their own, so serving (a stream's
// thousands of writes, say) is not counted as the client's stall. Prints their base URLs as one
// JSON line, and exits when its stdin closes.
import { pseudoPhoto } from './convert.bench';
import { pngLikeBytes } from './fixtures';
import { startResponseServer } from './responseServer';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const small = pngLikeBytes(64 * 1024, 12);
  const options = { smallImage: small, slowMs: 0, deltaChars: 8 * 1024 };
  const eight = await startResponseServer({ ...options, image: pngLikeBytes(8 * MB, 11) });
  const photo = await startResponseServer({ ...options, image: pseudoPhoto(2048) });
  process.stdout.write(`${JSON.stringify({ eight: eight.baseUrl, photo: photo.baseUrl })}\n`);
  process.stdin.on('end', () => void Promise.all([eight.close(), photo.close()]).then(() => process.exit(0)));
  process.stdin.resume();
}

void main();
