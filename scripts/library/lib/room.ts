// Higher-level steps built on the package's: a file library can import an npm package.
import { join, type Member } from '@acme/chat-steps';
import type { Server } from 'wsrun/ws';

// room joins everyone named, one after another, and returns them by name.
export async function room(server: Server, ...names: string[]): Promise<Record<string, Member>> {
  const out: Record<string, Member> = {};
  for (const name of names) {
    out[name] = await join(`${server.url}`, name);
  }
  return out;
}
