import { useState } from 'react';
import { Form, Input, Select } from 'antd';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_KINDS, CASE_SEVERITIES, CASE_SUBTYPES } from '../api/types';
import { useI18n } from '../i18n/I18nContext';
import { FormModal } from './FormModal';

type Kind = (typeof CASE_KINDS)[number];
export interface CaseForm {
  kind: Kind;
  subtype: string;
  category: (typeof CASE_CATEGORIES)[number];
  severity: (typeof CASE_SEVERITIES)[number];
  channel: (typeof CASE_CHANNELS)[number];
  storeId?: string;
  description: string;
}

/**
 * A case opened from a form: by staff for a member (with severity and channel) or by a member for
 * themselves (`staff` false: the service decides those). `onSubmit` makes the call.
 */
export function OpenCaseButton({
  staff,
  label,
  storeId,
  onSubmit,
}: {
  staff: boolean;
  label: string;
  storeId?: string | null;
  onSubmit: (v: CaseForm) => Promise<void>;
}) {
  const { t, tv } = useI18n();
  const [kind, setKind] = useState<Kind>('complaint');
  return (
    <FormModal<CaseForm>
      label={label}
      name="open-case"
      submitLabel={t('case.open.submit')}
      testId="open-case"
      primary={false}
      initialValues={{
        kind: 'complaint',
        subtype: 'complaint',
        category: 'product_quality',
        severity: 'normal',
        channel: 'phone',
        storeId: storeId ?? undefined,
      }}
      onValuesChange={(changed: Partial<CaseForm>) => {
        if (changed.kind) setKind(changed.kind);
      }}
      onSubmit={(v) => onSubmit({ ...v, storeId: v.storeId?.trim() || undefined })}
    >
      <Form.Item name="kind" label={t('case.kind')}>
        <Select aria-label={t('case.kind')} options={CASE_KINDS.map((k) => ({ value: k, label: t(`case.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="subtype"
        label={t('case.subtype')}
        rules={[
          { validator: (_, v: unknown) => (CASE_SUBTYPES[kind].includes(String(v)) ? Promise.resolve() : Promise.reject(new Error(t('auth.required')))) },
        ]}
      >
        <Select aria-label={t('case.subtype')} options={CASE_SUBTYPES[kind].map((s) => ({ value: s, label: tv('case.subtype', s) }))} />
      </Form.Item>
      <Form.Item name="category" label={t('case.category')}>
        <Select aria-label={t('case.category')} options={CASE_CATEGORIES.map((c) => ({ value: c, label: t(`case.category.${c}`) }))} />
      </Form.Item>
      {staff && (
        <Form.Item name="severity" label={t('case.severity')}>
          <Select aria-label={t('case.severity')} options={CASE_SEVERITIES.map((s) => ({ value: s, label: t(`case.severity.${s}`) }))} />
        </Form.Item>
      )}
      {staff && (
        <Form.Item name="channel" label={t('case.channel')}>
          <Select aria-label={t('case.channel')} options={CASE_CHANNELS.map((c) => ({ value: c, label: t(`case.channel.${c}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="storeId" label={t('desk.store')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="description" label={t('case.description')} rules={[{ required: true, min: 2, message: t('case.descriptionRule') }]}>
        <Input.TextArea maxLength={4000} rows={4} />
      </Form.Item>
    </FormModal>
  );
}
