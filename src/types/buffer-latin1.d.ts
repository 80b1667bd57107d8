// Node's Buffer has fast latin1 helpers that @types/node does not declare; Memora relies on them
// to move bytes between sockets and latin1 strings without intermediate copies.
declare global {
  interface Buffer {
    latin1Write(string: string, offset?: number, length?: number): number;
    latin1Slice(start?: number, end?: number): string;
  }
}
export {};
