// What travels between the functions: a job spec as uploaded, and the job message the splitter queues.

/** One entry of an uploaded file: `{ "task": "wordCount", "text": "..." }`. */
export interface JobSpec {
  readonly task: string;
  readonly text: string;
}

/** The body of one message on the jobs queue. */
export interface JobMessage {
  readonly uploadId: string;
  readonly jobIndex: number;
  /** How many jobs the upload holds, so the indexer knows when it is complete. */
  readonly jobCount: number;
  /** When S3 received the upload (the event's eventTime). */
  readonly uploadedAt: string;
  readonly spec: JobSpec;
}
