// "Saves to … · links as …" under the Insert target: where the next generation's images go and
// the link the target document gets, as the host worked it out with the job's own rule. Folder
// and link come from file and configuration names in the workspace: shown as text only.
import type { PlacementLine as Placement } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { el, format } from './dom';

export class PlacementLine {
  readonly root: HTMLParagraphElement;

  constructor(private readonly strings: StudioStrings) {
    this.root = el('p', { class: 'hint placement' });
    this.root.hidden = true;
  }

  set(p: Placement | undefined): void {
    this.root.hidden = p === undefined;
    this.root.textContent =
      p === undefined
        ? ''
        : p.site === undefined
          ? format(this.strings.placement, p.folder, p.link)
          : format(this.strings.placementSite, p.site, p.folder, p.link);
  }
}
