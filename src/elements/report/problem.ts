import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Open311Client } from '../../open311/client.js';
import type { Open311ServiceChangeEvent } from '../../events.js';
import { EXPORTED_PARTS } from './parts.js';

/** "What is the problem?" in `<open311-report>`: the service chooser. */

/** What the "what" step shows, and its handlers. */
export interface ProblemProps {
  readonly hidden: boolean;
  readonly label: string;
  readonly client: Open311Client | undefined;
  readonly services: string | undefined;
  readonly groups: string | undefined;
  readonly translations: string | undefined;
  /** The step heading's level: an opened group of services is headed one below it. */
  readonly headingLevel: number;
  readonly serviceCode: string | undefined;
  /** The place chosen: the chooser offers the services there (issue 19). */
  readonly lat: number | undefined;
  readonly long: number | undefined;
  /** The step's own error ("Choose what the problem is."), shown by the chooser. */
  readonly error: string | undefined;
  readonly continueButton: TemplateResult;
  readonly onService: (e: Open311ServiceChangeEvent) => void;
  /** The chooser's own Try again was pressed (its service list failed). */
  readonly onRetry: () => void;
  /** The urgent-danger notice, when this is the first step (\`problem-first\`). */
  readonly urgentNotice?: TemplateResult | typeof nothing;
}

/** The "what" step (hidden but on its own step: the chooser keeps its state). */
export function renderProblem(p: ProblemProps): TemplateResult {
  const click = (e: Event): void => {
    if (e.composedPath().some((n) => n instanceof Element && n.getAttribute('part') === 'retry-button')) p.onRetry();
  };
  return html`<section ?hidden=${p.hidden} aria-label=${p.label}>
    ${p.urgentNotice ?? nothing}
    <open311-service-chooser
      exportparts=${EXPORTED_PARTS['open311-service-chooser']}
      .client=${p.client}
      services=${p.services ?? nothing}
      groups=${p.groups ?? nothing}
      translations=${p.translations ?? nothing}
      heading-level=${Math.min(6, Math.max(1, p.headingLevel) + 1)}
      .value=${p.serviceCode ?? ''}
      .lat=${p.lat}
      .long=${p.long}
      error-message=${p.error ?? nothing}
      @open311-service-change=${p.onService}
      @click=${click}
    ></open311-service-chooser>
    ${p.continueButton}
  </section>`;
}
