/**
 * New activity (/activities/new?dato=…) and edit (/activities/:id/edit). Saving an activity of
 * a series first asks what to change, as calendars do: only this day, this day and the
 * following, or all days (activity.putSeries with only the fields that changed).
 */
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, Radio, RadioGroup, Label } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams, useSearchParams } from 'wouter';
import type { Activity } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';
import { useToday } from '../../shared/data/hooks.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { ActivityForm } from './activity-form.js';
import {
  blankValues,
  seriesChanges,
  toActivityArgs,
  valuesOf,
  type ActivityFormValues,
} from './form-model.js';

export function NewActivityPage() {
  const { t } = useTranslation('staffActivities');
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const { tomorrow, timeZone, now } = useToday();
  const save = useSave();
  const asked = params.get('dato');
  const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : tomorrow;
  return (
    <div className="acts-activities-admin">
      <PageHeader title={t('form.newTitle')} />
      <ActivityForm
        initial={blankValues(date)}
        existing={null}
        inSeries={false}
        draftKey="activity:new"
        timeZone={timeZone}
        now={now}
        submitLabel={t('form.saveNew')}
        onCancel={() => navigate('/activities')}
        onSubmit={async (v) => {
          const id = crypto.randomUUID();
          await save('activity.put', toActivityArgs(v, id, timeZone), {
            undo: { name: 'activity.del', args: { id } },
          });
          navigate(`/activities/${encodeURIComponent(id)}`);
        }}
      />
    </div>
  );
}

type Scope = 'one' | 'following' | 'all';

export function EditActivityPage() {
  const { t, i18n } = useTranslation('staffActivities');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { id = '' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const { timeZone, now } = useToday();
  const save = useSave();
  const activities = useOverlaid<Activity>('activity', { hideDeleted: true });
  const [asking, setAsking] = useState<ActivityFormValues | null>(null);
  const [scope, setScope] = useState<Scope>('one');
  if (activities === undefined) return null;
  const activity = activities.find((a) => a.id === id);
  if (!activity) return <p className="card">{t('page.notFound')}</p>;
  const head = activity.seriesId
    ? (activities.find((a) => a.id === activity.seriesId) ?? null)
    : null;
  const seriesHead = activity.recurrence !== null ? activity : head;
  const initial = valuesOf(activity, head, timeZone);
  const back = () => navigate(`/activities/${encodeURIComponent(id)}`);

  const saveSeries = async (values: ActivityFormValues, chosen: Scope) => {
    const changes = seriesChanges(initial, values);
    if (chosen === 'one' && activity.seriesId !== null) {
      // An occurrence on its own: the whole record, without a rule (it has none of its own).
      await save('activity.put', { ...toActivityArgs(values, id, timeZone), recurrence: null });
    } else if (seriesHead && Object.keys(changes).length > 0) {
      await save('activity.putSeries', {
        seriesId: seriesHead.id,
        from: dayOf(activity.start, timeZone),
        scope: chosen,
        changes: chosen === 'one' ? { ...changes, recurrence: undefined } : changes,
      });
    }
    back();
  };
  const ruleChanged = asking ? seriesChanges(initial, asking).recurrence !== undefined : false;

  return (
    <div className="acts-activities-admin">
      <PageHeader title={t('form.editTitle')} />
      <ActivityForm
        initial={initial}
        existing={activity}
        inSeries={seriesHead !== null}
        draftKey={`activity:${id}`}
        timeZone={timeZone}
        now={now}
        submitLabel={t('scope.save')}
        onCancel={back}
        onSubmit={async (v) => {
          if (seriesHead === null) {
            await save('activity.put', toActivityArgs(v, id, timeZone));
            back();
            return;
          }
          setScope(seriesChanges(initial, v).recurrence !== undefined ? 'following' : 'one');
          setAsking(v);
        }}
      />
      <Modal
        isOpen={asking !== null}
        onOpenChange={(open) => !open && setAsking(null)}
        isDismissable
        className="activities-modal"
      >
        <Dialog className="dialog card" aria-labelledby="scope-title">
          <Heading slot="title" id="scope-title">
            {t('scope.title')}
          </Heading>
          <RadioGroup
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            className="field acts-radio-group vertical"
          >
            <Label>{t('scope.question')}</Label>
            <div className="acts-radio-choices">
              <Radio value="one" className="acts-radio" isDisabled={ruleChanged}>
                <span className="acts-radio-dot" aria-hidden="true" />
                {t('scope.one', { day: dateWords(lang, dayOf(activity.start, timeZone)) })}
              </Radio>
              <Radio value="following" className="acts-radio">
                <span className="acts-radio-dot" aria-hidden="true" />
                {t('scope.following')}
              </Radio>
              <Radio value="all" className="acts-radio">
                <span className="acts-radio-dot" aria-hidden="true" />
                {t('scope.all')}
              </Radio>
            </div>
          </RadioGroup>
          {ruleChanged && <p className="field-help">{t('scope.ruleChanged')}</p>}
          <div className="form-actions">
            <Button
              className="button primary"
              onPress={() => {
                const v = asking;
                setAsking(null);
                if (v) void saveSeries(v, scope);
              }}
            >
              {t('scope.save')}
            </Button>
            <Button className="button" onPress={() => setAsking(null)}>
              {t('scope.cancel')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </div>
  );
}
