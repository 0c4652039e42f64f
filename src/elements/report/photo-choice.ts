import { msg } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Open311ErrorEvent } from '../../events.js';
import type { PreparedPhoto } from './photo.js';

/**
 * The resident's chosen photo on the details step of `<open311-report>`, as a Lit reactive
 * controller: made ready to send (photo.ts, loaded only now), with a preview, what went wrong, and
 * whether trying again may help. Sending it is the SubmissionController's job.
 *
 * `preparing` is set meanwhile, so Continue waits for it and the field says "Preparing your photo…"
 * (issue 22: on Slow 3G the photo code took over a second to arrive, a quick Continue went on
 * without the photo, and the report went without it).
 */
export class PhotoController implements ReactiveController {
  /** The photo ready to send. */
  prepared?: PreparedPhoto;
  /** Its preview (an object URL, revoked when it goes). */
  url?: string;
  /** Why the chosen file could not be made ready. */
  error?: string;
  /** The chosen file while it is made ready. */
  preparing?: Promise<void>;
  /** The last preparation failed in a way that trying again may mend (not "this is not a photo"). */
  retry = false;
  /** Continue was pressed while the photo was still being prepared: it goes on when it is ready. */
  waiting = false;
  /** The chosen file, kept so a preparation that failed can be tried again. */
  private file?: File;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode }) {
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.url) URL.revokeObjectURL(this.url);
  }

  /** A file chosen (or the choice emptied). */
  choose(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) {
      this.remove();
      return Promise.resolve();
    }
    return this.prepare(file);
  }

  /** Prepares the same file again. */
  again(): Promise<void> {
    return this.file ? this.prepare(this.file) : Promise.resolve();
  }

  /** No photo (a preparation still running is dropped), and the file field emptied. */
  remove(): void {
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('#photo');
    if (input) input.value = '';
    if (this.url) URL.revokeObjectURL(this.url);
    this.prepared = undefined;
    this.url = undefined;
    this.file = undefined;
    this.preparing = undefined;
    this.error = undefined;
    this.retry = false;
    this.host.requestUpdate();
  }

  /** Waits for a photo being prepared (saying so); false when the resident left the step meanwhile. */
  async ready(stillHere: () => boolean): Promise<boolean> {
    if (!this.preparing) return true;
    // A slow signal may still be bringing the photo code, or a big photo still being scaled:
    // wait (saying so) rather than go on without the photo the resident chose (issue 22).
    this.waiting = true;
    this.host.requestUpdate();
    await this.preparing;
    this.waiting = false;
    this.host.requestUpdate();
    return stillHere();
  }

  /** Makes the file ready to send. A failure says why, and offers Try again (unless the file is not a photo). */
  private async prepare(file: File): Promise<void> {
    this.error = undefined;
    this.retry = false;
    if (this.url) URL.revokeObjectURL(this.url);
    this.prepared = undefined;
    this.url = undefined;
    this.file = file;
    // Still the resident's choice? (Removed, or another file chosen meanwhile: this result is dropped.)
    const current = (): boolean => this.file === file;
    const job = (async () => {
      let photo: typeof import('./photo.js') | undefined;
      try {
        photo = await import('./photo.js');
        const prepared = await photo.preparePhoto(file, { name: file.name });
        if (!current()) return;
        this.prepared = prepared;
        this.url = URL.createObjectURL(prepared.blob);
      } catch (err) {
        if (!current()) return;
        const notPhoto = !!photo && err instanceof photo.NotAnImageError;
        this.error = notPhoto
          ? msg('The selected file must be a photo (JPG, PNG, HEIC or WebP).', { id: 'report.selected-file-must-be-photo-jpg' })
          : photo
            ? msg('The photo could not be prepared on this device. Try again, or go on without a photo.', { id: 'report.photo-could-not-be-prepared-on' })
            : msg('The photo could not be prepared: part of this form did not load. Check your connection and try again, or go on without a photo.', {
                id: 'report.photo-could-not-be-prepared-part',
              });
        this.retry = !notPhoto;
        this.host.dispatchEvent(new Open311ErrorEvent(err, 'photo'));
      } finally {
        this.host.requestUpdate();
      }
    })();
    this.preparing = job;
    this.host.requestUpdate();
    await job;
    if (this.preparing === job) {
      this.preparing = undefined;
      this.host.requestUpdate();
    }
  }
}
