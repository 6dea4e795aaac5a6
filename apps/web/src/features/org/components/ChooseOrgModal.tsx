import { useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';

/** Pick a target organisation (move an org under a new parent, or transfer a member). */
export function ChooseOrgModal({
  open,
  title,
  hint,
  label,
  excludeIds,
  onChoose,
  onClose,
}: {
  open: boolean;
  title: string;
  hint: string;
  label: string;
  excludeIds?: string[];
  onChoose: (orgId: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [orgId, setOrgId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOrgId(undefined);
    setError(null);
    onClose();
  };
  const ok = async () => {
    if (!orgId) {
      setError(`请选择${label}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onChoose(orgId);
      close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText="确定"
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={close}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label={label} required>
          <OrgSearchSelect
            value={orgId}
            onChange={(v) => setOrgId(v)}
            excludeIds={excludeIds}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
