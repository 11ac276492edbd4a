/**
 * A .zip of a few files, stored without compression (method 0): the .eml files of a batch for
 * the DJ's mail program. Stored is enough (a few kilobytes of text each) and needs no library:
 * local headers, the data, a central directory, its end record. UTF-8 names (flag bit 11).
 */
import { crc32 } from 'node:zlib';

export interface ZipEntry {
  name: string;
  content: Buffer;
  modifiedAt: Date;
}

/** At most this many files, and this many bytes in all: a batch is 500 messages of 50 kB at most. */
export const ZIP_LIMITS = { entries: 500, bytes: 64 * 1024 * 1024 } as const;

const UTF8_NAMES = 0x0800;

/** MS-DOS date and time (local fields of the instant as UTC; 2-second resolution, from 1980). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function storedZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > ZIP_LIMITS.entries) throw new Error(`too many files for one zip: ${entries.length}`);
  const total = entries.reduce((n, e) => n + e.content.length, 0);
  if (total > ZIP_LIMITS.bytes) throw new Error(`zip too large: ${total} bytes`);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.content);
    const { time, date } = dosDateTime(e.modifiedAt);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4); // version needed: 1.0 (stored)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.content.length, 18);
    local.writeUInt32LE(e.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, e.content);

    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    dir.writeUInt16LE(10, 6);
    dir.writeUInt16LE(UTF8_NAMES, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(date, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.content.length, 20);
    dir.writeUInt32LE(e.content.length, 24);
    dir.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + e.content.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
