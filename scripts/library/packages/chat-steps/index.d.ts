import type { Connection } from 'wsrun/ws';

export interface Member {
  conn: Connection;
  /** Who was in the room when this member joined, themselves included. */
  users: string[];
}

export function join(url: string, name: string): Promise<Member>;
export function say(conn: Connection, text: string): void;
export function heard(conn: Connection, from: string, text: string): Promise<{ type: 'said'; from: string; text: string }>;
export function saw(conn: Connection, event: 'joined' | 'left', name: string): Promise<{ type: string; name: string }>;
