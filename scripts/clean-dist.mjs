// Removes the previous build, so dist/ holds exactly one version's files (stale hashed chunks
// would otherwise pile up and be measured, uploaded and hashed as if they were current).
import { rmSync } from 'node:fs';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
