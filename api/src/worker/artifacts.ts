import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { ArtifactOutput } from '../ml/types.js';

export interface StoredArtifact {
  name: string;
  kind: string;
  uri: string;
  sizeBytes: number;
  checksum: string;
  metadata: Record<string, unknown>;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

/** Writes a run's artifacts as JSON files under `<root>/<workspace>/<run>/` (atomically: temp file, then rename). */
export async function storeArtifacts(root: string, workspaceId: string, runId: string, artifacts: ArtifactOutput[]): Promise<StoredArtifact[]> {
  const dir = path.resolve(root, workspaceId, runId);
  await mkdir(dir, { recursive: true });
  const stored: StoredArtifact[] = [];
  for (const artifact of artifacts) {
    if (!SAFE_NAME.test(artifact.name)) throw new Error(`Artifact name ${JSON.stringify(artifact.name)} is not a plain file name`);
    const body = Buffer.from(JSON.stringify(artifact.content, null, 2));
    const file = path.join(dir, artifact.name);
    await writeFile(`${file}.tmp`, body);
    await rename(`${file}.tmp`, file);
    stored.push({
      name: artifact.name,
      kind: artifact.kind.toLowerCase(),
      uri: pathToFileURL(file).href,
      sizeBytes: body.length,
      checksum: createHash('sha256').update(body).digest('hex'),
      metadata: { format: 'json', ...(artifact.metadata ?? {}) },
    });
  }
  return stored;
}

/** Reads a JSON artifact back, checking its checksum. */
export async function readArtifact(uri: string, checksum: string | undefined): Promise<unknown> {
  const body = await readFile(fileURLToPath(uri));
  if (checksum && createHash('sha256').update(body).digest('hex') !== checksum) {
    throw new Error(`Artifact ${uri} does not match its checksum`);
  }
  return JSON.parse(body.toString('utf8'));
}
