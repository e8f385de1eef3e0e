"use client";
/**
 * The trajectory viewer and editor. Loads the header and the step index (small: no bodies), then
 * hands over to the workspace, which fetches bodies only for the rows in view.
 */
import { useMemo } from "react";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { ApiError } from "@/lib/http/client-fetch";
import { trajectoryApi } from "@/components/viewer/data/api-paths";
import { useStepIndex, useTrajectoryDetail } from "@/components/viewer/data/use-viewer-queries";
import { ViewerWorkspace } from "@/components/viewer/viewer-workspace";
import { useBodyStore } from "@/components/viewer/data/use-body-store";
import { stepKeyFromUrl } from "@/lib/viewer/step-link";
import { firstScreenIds } from "@/lib/viewer/chunk-ids";
import type { BodiesResponse, StepIndexResponse, TrajectoryDetailResponse } from "@/lib/viewer/types";

const firstScreen = (index: StepIndexResponse) =>
  firstScreenIds(index.steps, stepKeyFromUrl(window.location.hash, window.location.search));

export interface ViewerProps {
  slug: string;
  trajectoryId: string;
  me: { id: string; name: string };
  canEdit: boolean;
  canAnnotate: boolean;
  /** review.approve: the Review tab shows the lead's decisions. */
  canApprove?: boolean;
  /** Opened from a review queue (`?review=1`): the Review tab is open first. */
  reviewMode?: boolean;
  /** Leads and admins: the details dialog offers the delete. */
  canDelete?: boolean;
  /** annotation.moderate (leads, admins): delete anyone's annotation or comment. */
  canModerate?: boolean;
}

/** What the server page renders with: header, step index and the first screen's bodies. */
export interface ViewerInitialData {
  detail: TrajectoryDetailResponse;
  index: StepIndexResponse;
  bodies: BodiesResponse["bodies"];
}

export function TrajectoryViewer({ initial, ...props }: ViewerProps & { initial?: ViewerInitialData }) {
  const api = useMemo(() => trajectoryApi(props.slug, props.trajectoryId), [props.slug, props.trajectoryId]);
  const store = useBodyStore(api, initial?.bodies);
  const detail = useTrajectoryDetail(api, props.trajectoryId, initial?.detail);
  // A refetched index (after a save, a reload) asks for its first screen's bodies at once, not after it renders.
  const index = useStepIndex(api, props.trajectoryId, initial?.index, (i) => store.request(firstScreen(i)));
  const error = detail.error ?? index.error;
  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div data-testid="trajectory-viewer" data-ready="false">
        {missing ? (
          <EmptyState title="Trajectory not found">{error.message}</EmptyState>
        ) : (
          <ErrorBox error={error} retry={() => void Promise.all([detail.refetch(), index.refetch()])} />
        )}
      </div>
    );
  }
  if (!detail.data || !index.data) {
    return (
      <div data-testid="trajectory-viewer" data-ready="false" className="p-6">
        <Spinner label="Opening the trajectory" />
      </div>
    );
  }
  return <ViewerWorkspace {...props} api={api} detail={detail.data} index={index.data} store={store} />;
}
