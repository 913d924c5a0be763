'use client';

import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { InlineError } from '@/components/InlineError';
import { graphql } from '@/gql';

const Promote = graphql(`
  mutation PromoteChallenger($input: PromoteInput!) {
    promote(input: $input) {
      overridden
      champion {
        id
        name
      }
      retired {
        id
        name
      }
    }
  }
`);

const ApprovePromotion = graphql(`
  mutation ApprovePromotion($arenaId: ID!, $challengerId: ID!, $override: Boolean!, $reason: String) {
    approvePromotion(arenaId: $arenaId, challengerId: $challengerId, override: $override, reason: $reason) {
      overridden
      champion {
        id
      }
    }
  }
`);

const RejectPromotion = graphql(`
  mutation RejectPromotion($arenaId: ID!, $challengerId: ID!, $reason: String!) {
    rejectPromotion(arenaId: $arenaId, challengerId: $challengerId, reason: $reason) {
      id
    }
  }
`);

/**
 * Promote a challenger when the policy is met; promote anyway (override) with a reason; or,
 * for a promotion waiting for approval, approve or reject it.
 */
export function PromotionActions({
  arenaId,
  challengerId,
  challengerName,
  policyMet,
  pending,
}: {
  arenaId: string;
  challengerId: string;
  challengerName: string;
  policyMet: boolean;
  pending: boolean;
}) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [promote, promoting] = useMutation(Promote, refresh);
  const [approve, approving] = useMutation(ApprovePromotion, refresh);
  const [reject, rejecting] = useMutation(RejectPromotion, refresh);
  const [mode, setMode] = useState<null | 'override' | 'reject'>(null);
  const [reason, setReason] = useState('');
  const busy = promoting.loading || approving.loading || rejecting.loading;
  const ignore = () => undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    if (mode === 'reject') void reject({ variables: { arenaId, challengerId, reason: why } }).then(() => setMode(null), ignore);
    if (mode === 'override') {
      const run = pending
        ? approve({ variables: { arenaId, challengerId, override: true, reason: why } })
        : promote({ variables: { input: { arenaId, challengerId, override: true, reason: why } } });
      void run.then(() => setMode(null), ignore);
    }
  };

  return (
    <div className="stack stack--tight">
      <div className="button-row" role="group" aria-label={`Promotion of ${challengerName}`}>
        {policyMet ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() =>
              void (pending
                ? approve({ variables: { arenaId, challengerId, override: false } })
                : promote({ variables: { input: { arenaId, challengerId } } })
              ).catch(ignore)
            }
          >
            {pending ? 'Approve promotion' : 'Promote to champion'}
          </button>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => setMode('override')}>
            Promote anyway…
          </button>
        )}
        {pending ? (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => setMode('reject')}>
            Reject…
          </button>
        ) : null}
      </div>
      {mode ? (
        <form className="filters" onSubmit={submit}>
          <label className="field field--grow">
            <span className="field__label">{mode === 'reject' ? 'Why reject this promotion' : 'Why promote although the policy is not met'} (required, audited)</span>
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />
          </label>
          <button type="submit" className={mode === 'reject' ? 'button button--danger' : 'button button--primary'} disabled={busy || !reason.trim()}>
            {mode === 'reject' ? 'Reject' : 'Promote'}
          </button>
          <button type="button" className="button" onClick={() => setMode(null)}>
            Cancel
          </button>
        </form>
      ) : null}
      <InlineError error={promoting.error ?? approving.error ?? rejecting.error} />
    </div>
  );
}

const CreateArena = graphql(`
  mutation CreateArena($input: CreateArenaInput!) {
    createArena(input: $input) {
      id
    }
  }
`);

const AddArenaEntry = graphql(`
  mutation AddArenaEntry($input: AddArenaEntryInput!) {
    addArenaEntry(input: $input) {
      id
    }
  }
`);

/** For a model in no arena: start an arena with it as champion, or join one as challenger or shadow. */
export function JoinArena({
  modelId,
  modelName,
  arenas,
}: {
  modelId: string;
  modelName: string;
  /** Arenas of the model's family. */
  arenas: ReadonlyArray<{ id: string; name: string }>;
}) {
  const router = useRouter();
  const refresh = { onCompleted: () => router.refresh() };
  const [create, creating] = useMutation(CreateArena, refresh);
  const [add, adding] = useMutation(AddArenaEntry, refresh);
  const [arenaId, setArenaId] = useState(arenas[0]?.id ?? '');
  const [role, setRole] = useState<'CHALLENGER' | 'SHADOW'>('CHALLENGER');
  const [name, setName] = useState(`${modelName} arena`);
  const busy = creating.loading || adding.loading;
  const ignore = () => undefined;

  return (
    <div className="stack stack--tight">
      {arenas.length ? (
        <form
          className="filters"
          aria-label="Join an arena"
          onSubmit={(e) => {
            e.preventDefault();
            void add({ variables: { input: { arenaId, modelId, role } } }).catch(ignore);
          }}
        >
          <label className="field">
            <span className="field__label">Arena</span>
            <select value={arenaId} onChange={(e) => setArenaId(e.target.value)}>
              {arenas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as 'CHALLENGER' | 'SHADOW')}>
              <option value="CHALLENGER">Challenger</option>
              <option value="SHADOW">Shadow</option>
            </select>
          </label>
          <button type="submit" className="button" disabled={busy || !arenaId}>
            Join arena
          </button>
        </form>
      ) : null}
      <form
        className="filters"
        aria-label="Create an arena"
        onSubmit={(e) => {
          e.preventDefault();
          void create({ variables: { input: { name: name.trim(), championModelId: modelId } } }).catch(ignore);
        }}
      >
        <label className="field field--grow">
          <span className="field__label">New arena with this model as champion</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        <button type="submit" className="button" disabled={busy || !name.trim()}>
          Create arena
        </button>
      </form>
      <InlineError error={creating.error ?? adding.error} />
    </div>
  );
}
