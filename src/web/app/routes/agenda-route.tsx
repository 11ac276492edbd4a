import { AgendaMonth } from '../../features/bookings/components/agenda-month';
import { CalendarFeed } from '../../features/bookings/components/calendar-feed';
import { UpcomingList } from '../../features/bookings/components/upcoming-list';
import { useI18n } from '../../lib/i18n';
import { PageTitle } from '../../ui/page-title';

export function AgendaRoute() {
  const { t } = useI18n();
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('agenda.title')}>{t('agenda.title')}</PageTitle>
      </div>
      <AgendaMonth />
      <UpcomingList />
      <CalendarFeed />
    </div>
  );
}
