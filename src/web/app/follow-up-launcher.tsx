/**
 * The e-mail generator behind every Contacter / Relancer / Rappel doux, loaded on first use so
 * that the first visit's JavaScript stays small.
 */
import { lazy, Suspense } from 'react';
import { useI18n } from '../lib/i18n';
import type { FollowUpTarget, RenderFollowUp } from '../lib/slots';
import { Dialog } from '../ui/dialog';
import { Loading } from '../ui/messages';

const FollowUpGenerator = lazy(() =>
  import('../features/follow-ups/components/follow-up-generator').then((m) => ({ default: m.FollowUpGenerator })),
);

export function FollowUpLauncher({ target, onClose }: { target: FollowUpTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      wide
      open={target !== null}
      onClose={onClose}
      title={target ? t(`followUp.title.${target.kind}`, { name: target.client.name }) : ''}
    >
      {target ? (
        <Suspense fallback={<Loading />}>
          <FollowUpGenerator key={target.client.id} clientId={target.client.id} />
        </Suspense>
      ) : null}
    </Dialog>
  );
}

export const renderFollowUp: RenderFollowUp = (target, onClose) => <FollowUpLauncher target={target} onClose={onClose} />;
