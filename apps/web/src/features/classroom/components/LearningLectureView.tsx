import { useState } from 'react';
import { LearningProgress } from '../../learning/components/LearningProgress.tsx';
import { useLearningReporter } from '../../learning/useLearningReporter.ts';
import { LectureView, type LectureViewData } from './LectureView.tsx';

/**
 * A published lecture as a member learns from it: the player reports the intervals actually watched
 * (modules/learning), the progress and the counting rule show under it, and playing resumes where the
 * member stopped, on this device or another.
 */
export function LearningLectureView({ lecture }: { lecture: LectureViewData & { id: string } }) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const learning = useLearningReporter(video, lecture.id);
  return (
    <LectureView
      lecture={lecture}
      resumeKey={`lecture-${lecture.id}`}
      onVideo={setVideo}
      resumeFrom={learning.resumeSeconds}
      belowPlayer={<LearningProgress state={learning} />}
    />
  );
}
