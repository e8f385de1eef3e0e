import { tokenBreakdown } from "@/lib/viewer/token-breakdown";
import type { TrajectoryDetail } from "@/lib/viewer/types";
import { KIND_COLOR } from "@/components/viewer/steps/kind-style";

const fmt = new Intl.NumberFormat("en");

/** Token totals by kind: a stacked bar and a legend with the numbers. */
export function TokenBar({ t }: { t: TrajectoryDetail }) {
  const segments = tokenBreakdown(t);
  return (
    <div className="space-y-1" data-testid="token-totals">
      <div className="flex h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        {segments.map(
          (s) =>
            s.share > 0 && (
              <div
                key={s.kind}
                style={{ width: `${s.share * 100}%`, background: KIND_COLOR[s.kind] }}
                title={`${s.label}: ${fmt.format(s.tokens)}`}
              />
            ),
        )}
      </div>
      <div className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-semibold text-zinc-800 dark:text-zinc-200" data-testid="tokens-total">
          {fmt.format(t.tokensTotal)} tokens
        </span>
        {segments.map((s) => (
          <span key={s.kind} data-testid={`tokens-${s.kind}`}>
            <span className="mr-1 inline-block h-2 w-2 rounded-sm" style={{ background: KIND_COLOR[s.kind] }} />
            {s.label} {fmt.format(s.tokens)}
          </span>
        ))}
        <span>· {fmt.format(t.stepCount)} steps</span>
        <span>
          · {fmt.format(t.toolCallCount)} tool calls ({fmt.format(t.failedToolCallCount)} failed)
        </span>
        <span>· {fmt.format(t.humanTurnCount)} human turns</span>
        <span title={`counted with ${t.tokenizer}`}>· {t.tokenizer}</span>
      </div>
    </div>
  );
}
