// CommandContext: the ports a command touches (service, UI, keys, editors, workspace, log).
import type { Logger } from '../../core/logger';
import type { GenerationService } from '../generationService';
import type { KeyStore } from '../keyStore';
import type { EditorPort, ProblemsPort, Ui, WorkspacePort } from '../ports';

/** Everything a command touches, handed in so adapter tests can use small fakes. */
export interface CommandContext {
  ui: Ui;
  service: GenerationService;
  keys: KeyStore;
  editors: EditorPort;
  problems: ProblemsPort;
  workspace: WorkspacePort;
  log: Logger;
  showLog(): void;
  /** Which proxy a request goes through (Check Connection says so); absent in tests that do not ask. */
  network?: { proxyFor(url: string): string | undefined };
}
