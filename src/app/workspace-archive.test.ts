/** A workspace file refused: why, in French for the CLI and in the request's language for the web. */
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { parseWorkspaceJson, readWorkspaceFile } from './workspace-archive';

function refusal(text: string): AppError {
  try {
    parseWorkspaceJson(text);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('a workspace file refused', () => {
  it('says why in French, and in English when asked', () => {
    const wrongFormat = refusal(JSON.stringify({ format: 'autre', version: 1 }));
    expect(wrongFormat.code).toBe('invalid_file');
    expect(wrongFormat.message).toBe('Fichier d’espace de travail invalide : le champ "format" doit valoir "djbooker-workspace".');
    expect(wrongFormat.textIn('en')).toBe('Invalid workspace file: the "format" field must be "djbooker-workspace".');
    const newer = refusal(JSON.stringify({ format: 'djbooker-workspace', version: 99 }));
    expect(newer.textIn('en')).toMatch(/^Invalid workspace file: version 99, written by a newer version of DJ Booker Pro/);
    expect(refusal('{').textIn('en')).toMatch(/^Invalid workspace file: it is not JSON \(/);
  });

  it('words a record’s problem from its code in either language (no zod words, no French in English)', () => {
    const bad = refusal(JSON.stringify({ format: 'djbooker-workspace', version: 1, clients: 'none' }));
    expect(bad.message).toMatch(/^Fichier d’espace de travail invalide : exportedAt : type inattendu \(string attendu\) \(et \d+ autre/);
    expect(bad.textIn('en')).toMatch(/^Invalid workspace file: exportedAt: /);
    expect(bad.textIn('en')).not.toMatch(/attendu|invalide|problème/);
    expect(bad.message).not.toMatch(/Invalid input|expected/);
  });

  it('says why a file cannot be read in the reader’s language, not the system’s', async () => {
    const missing = await readWorkspaceFile('/nonexistent/espace.json').then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(missing?.code).toBe('unreadable_file');
    expect(missing?.message).toBe('Impossible de lire le fichier /nonexistent/espace.json : fichier ou dossier introuvable.');
    expect(missing?.textIn('en')).toBe('Cannot read the file /nonexistent/espace.json: file or folder not found.');
  });
});
