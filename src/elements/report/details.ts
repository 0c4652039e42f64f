import { html, nothing, noChange } from 'lit';
import type { TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Open311Client } from '../../open311/client.js';
import type { Service, ServiceDefinition } from '../../open311/models.js';
import type { Open311FormChangeEvent } from '../../events.js';
import { isUrgentService } from './urgency.js';
import type { PhotoController } from './photo-choice.js';
import { EXPORTED_PARTS } from './later-parts.js';

/**
 * "Tell us more about the problem" in `<open311-report>`: the urgent-danger notice for urgent
 * services, what happens next, the service's questions, and the photo field.
 */

/** What the details step shows, and its handlers. */
export interface DetailsProps {
  readonly hidden: boolean;
  readonly label: string;
  readonly client: Open311Client | undefined;
  readonly service: Service | undefined;
  readonly definition: ServiceDefinition | undefined;
  readonly translations: string | undefined;
  /** `urgent-services`: codes that repeat the urgent-danger notice here. */
  readonly urgentServices: string | undefined;
  /** The urgent-danger notice, shown here for urgent services. */
  readonly urgentNotice: TemplateResult | typeof nothing;
  readonly responseTimes: string | undefined;
  /** The chosen photo, or undefined when the page takes no photos. */
  readonly photos: Pick<PhotoController, 'error' | 'url' | 'preparing' | 'waiting' | 'retry' | 'choose' | 'again'> | undefined;
  /** "Remove photo". */
  readonly onRemovePhoto: () => void;
  /** "Continue without a photo" (after a failure). */
  readonly onSkipPhoto: () => void;
  readonly continueButton: TemplateResult;
  readonly onQuestions: (e: Open311FormChangeEvent) => void;
}

/** The details step (hidden but on its own step: the form keeps its state). */
export function renderDetails(p: DetailsProps): TemplateResult {
  const urgent = isUrgentService(p.service, p.definition, p.urgentServices);
  const photos = p.photos;
  return html`<section ?hidden=${p.hidden} aria-label=${p.label}>
    ${urgent ? p.urgentNotice : nothing} ${renderResponseTime(p.responseTimes, p.service)}
    <open311-report-form
      sections="questions"
      exportparts=${EXPORTED_PARTS['open311-report-form']}
      translations=${p.translations ?? nothing}
      .client=${p.client ?? noChange}
      .service=${p.service}
      @open311-form-change=${p.onQuestions}
    ></open311-report-form>
    ${
      photos
        ? renderPhoto({
            photoError: photos.error,
            photoUrl: photos.url,
            preparing: !!photos.preparing,
            waiting: photos.waiting,
            onPhoto: (e) => void photos.choose(e),
            onRemove: p.onRemovePhoto,
            ...(photos.retry ? { onRetry: () => void photos.again() } : {}),
            onSkip: p.onSkipPhoto,
          })
        : nothing
    }
    ${p.continueButton}
  </section>`;
}

/** The `response-times` attribute as a map; anything but a JSON object of strings is ignored (a typo must not break the form). */
function parseResponseTimes(json: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!json) return map;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return map;
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && v.trim()) map.set(k, v.trim());
  } catch {
    // Not JSON: no response times shown.
  }
  return map;
}

let parsedTimes: { json: string | undefined; map: Map<string, string> } | undefined;

/** What happens next for a service (`response-times`): by its code, else by the first of its groups that has an entry. */
export function responseTime(json: string | undefined, service: Service | undefined): string | undefined {
  if (!service) return undefined;
  const last = parsedTimes;
  const map = last && last.json === json ? last.map : parseResponseTimes(json);
  parsedTimes = { json, map };
  return map.get(service.code) ?? service.groups.map((g) => map.get(g)).find(Boolean);
}

/** "What happens next" as a paragraph, or nothing. */
export function renderResponseTime(json: string | undefined, service: Service | undefined): TemplateResult | typeof nothing {
  const time = responseTime(json, service);
  return time ? html`<p class="notice response-time" part="response-time">${time}</p>` : nothing;
}

/** What the photo field shows, and its handlers. */
export interface PhotoContext {
  readonly photoError: string | undefined;
  readonly photoUrl: string | undefined;
  /** The chosen photo is being made ready. */
  readonly preparing: boolean;
  /** …and Continue was pressed: it goes on when the photo is ready. */
  readonly waiting: boolean;
  readonly onPhoto: (e: Event) => void;
  readonly onRemove: () => void;
  /** Prepare the same file again (absent when trying again cannot help). */
  readonly onRetry?: () => void;
  /** Go on without a photo (after a failure). */
  readonly onSkip: () => void;
}

/** "Add a photo (optional)", with the photo ready to send and a way to remove it. */
export function renderPhoto(ctx: PhotoContext): TemplateResult {
  return html`<div class="photo">
    <label for="photo">${msg('Add a photo (optional)', { id: 'report.add-photo-optional' })}</label>
    <p class="hint" id="photo-hint">
      ${msg('A photo helps the council find and fix the problem. Do not include people’s faces, number plates or private gardens. We remove the photo’s location and camera details before it is sent.', { id: 'report.photo-helps-council-find-and-fix' })}
    </p>
    ${ctx.photoError ? html`<p class="error-message" id="photo-error" tabindex="-1"><span class="visually-hidden">${msg('Error:', { id: 'map.error' })}</span> ${ctx.photoError}</p>` : nothing}
    <input id="photo" type="file" accept="image/*" aria-describedby=${ctx.photoError ? 'photo-hint photo-error' : 'photo-hint'} @change=${ctx.onPhoto} />
    <p class="photo-status" role="status">${ctx.preparing ? (ctx.waiting ? msg('Preparing your photo… You will go on to the next step when it is ready.', { id: 'report.preparing-your-photo-you-will-go' }) : msg('Preparing your photo…', { id: 'report.preparing-your-photo' })) : ''}</p>
    ${
      ctx.photoError
        ? html`<div class="photo-actions">
          ${ctx.onRetry ? html`<button type="button" class="secondary" @click=${ctx.onRetry}>${msg('Try again', { id: 'map.try-again' })}</button>` : nothing}
          <button type="button" class="link" @click=${ctx.onSkip}>${msg('Continue without a photo', { id: 'report.continue-without-photo' })}</button>
        </div>`
        : nothing
    }
    ${
      ctx.photoUrl
        ? html`<img src=${ctx.photoUrl} alt=${msg('Your photo, ready to send', { id: 'report.your-photo-ready-to-send' })} />
          <button type="button" class="link" @click=${ctx.onRemove}>${msg('Remove photo', { id: 'report.remove-photo' })}</button>`
        : nothing
    }
  </div>`;
}
