import { useState, type ReactNode } from 'react';
import { Button, Form, Modal, type FormProps } from 'antd';
import { useI18n } from '../i18n/I18nContext';
import { ErrorAlert } from './ErrorAlert';

interface FormModalProps<V> {
  /** Text of the button that opens it, and the modal's title. */
  label: string;
  name: string;
  submitLabel?: string;
  primary?: boolean;
  testId?: string;
  initialValues?: FormProps<V>['initialValues'];
  onValuesChange?: FormProps<V>['onValuesChange'];
  /** Runs the write; the modal closes when it resolves and shows the API's error when it throws. */
  onSubmit: (values: V) => Promise<void>;
  children: ReactNode;
}

/** A button that opens a form in a modal: every "create", "adjust" or "unmask" of the console. */
export function FormModal<V>({ label, name, submitLabel, primary = true, testId, initialValues, onValuesChange, onSubmit, children }: FormModalProps<V>) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type={primary ? 'primary' : 'default'} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal open={open} title={label} onCancel={() => setOpen(false)} footer={null} destroyOnClose>
        <Form<V> layout="vertical" name={name} initialValues={initialValues} onValuesChange={onValuesChange} onFinish={(v) => void submit(v)}>
          {children}
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 8 }}>
            {submitLabel ?? t('common.save')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
