// One queue: its attributes, the queues that dead-letter into it, and peek, send, purge and redrive.
// Peeking receives with a visibility timeout of 0, so the messages stay visible (their receive count
// still goes up, as in AWS's console). https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-receive-delete-message.html

import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { PageProps } from '../../../console/contract.js';
import {
  ActionButton,
  formatTime,
  Json,
  KeyValues,
  PageTitle,
  Section,
  Show,
  TextArea,
  useLoad,
} from '../../../console/ui.js';
import { attributes, nameOfUrl, queueUrl, sqs } from './api.js';
import { dlqLink } from './queues.js';

interface Message {
  MessageId: string;
  Body: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
}

export function QueuePage({ params, ctx }: PageProps) {
  const loaded = useLoad(async () => {
    const url = await queueUrl(ctx, params.name!);
    const [attrs, sources] = await Promise.all([
      attributes(ctx, url),
      sqs<{ queueUrls?: string[] }>(ctx, 'ListDeadLetterSourceQueues', { QueueUrl: url }),
    ]);
    return { url, attrs, sources: sources.queueUrls ?? [] };
  }, [params.name, ctx.account, ctx.region]);
  return html`<${PageTitle} kind="Amazon SQS queue" title=${params.name!} />
    <${Show} loaded=${loaded} render=${(q: {
      url: string;
      attrs: Record<string, string>;
      sources: string[];
    }) => html`
      <${Section} title="Attributes" actions=${html`<button type="button" onClick=${loaded.reload}>Refresh</button>`}>
        <${KeyValues} entries=${[
          ['URL', q.url],
          ['ARN', q.attrs.QueueArn],
          ['Messages visible', q.attrs.ApproximateNumberOfMessages],
          ['In flight', q.attrs.ApproximateNumberOfMessagesNotVisible],
          ['Delayed', q.attrs.ApproximateNumberOfMessagesDelayed],
          ['Visibility timeout', `${q.attrs.VisibilityTimeout} s`],
          ['Retention', `${q.attrs.MessageRetentionPeriod} s`],
          ['Created', formatTime(Number(q.attrs.CreatedTimestamp))],
          ['Dead-letter queue', dlqLink(ctx, q.attrs.RedrivePolicy)],
          [
            'Dead-letter source of',
            q.sources.length
              ? html`${q.sources.map((u) => html`<a class="chip" href=${ctx.href('sqs', 'queue', nameOfUrl(u))}>${nameOfUrl(u)}</a>`)}`
              : '—',
          ],
        ]} />
        <details><summary>All attributes</summary><${Json} value=${q.attrs} /></details>
      </${Section}>
      <${Messages} ctx=${ctx} url=${q.url} isDlq=${q.sources.length > 0} arn=${q.attrs.QueueArn ?? ''} onChange=${loaded.reload} />`} />`;
}

function Messages(props: {
  ctx: PageProps['ctx'];
  url: string;
  isDlq: boolean;
  arn: string;
  onChange: () => void;
}) {
  const { ctx, url } = props;
  const [peeked, setPeeked] = useState<Message[] | undefined>();
  const [body, setBody] = useState('{"hello": "world"}');
  const peek = async () => {
    const { Messages = [] } = await sqs<{ Messages?: Message[] }>(ctx, 'ReceiveMessage', {
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    setPeeked(Messages);
    return `${Messages.length} message${Messages.length === 1 ? '' : 's'}`;
  };
  const send = async () => {
    const { MessageId } = await sqs<{ MessageId: string }>(ctx, 'SendMessage', {
      QueueUrl: url,
      MessageBody: body,
    });
    props.onChange();
    return `Sent ${MessageId}`;
  };
  const purge = async () => {
    await sqs(ctx, 'PurgeQueue', { QueueUrl: url });
    setPeeked(undefined);
    props.onChange();
    return 'Purged';
  };
  const redrive = async () => {
    const { TaskHandle } = await sqs<{ TaskHandle: string }>(ctx, 'StartMessageMoveTask', {
      SourceArn: props.arn,
    });
    props.onChange();
    return `Redrive started (${TaskHandle.slice(0, 12)}…)`;
  };
  return html`<${Section} title="Messages">
    <div class="actions">
      <${ActionButton} label="Peek messages" run=${peek} />
      <${ActionButton} label="Purge queue" danger=${true} confirm="Delete every message in this queue?" run=${purge} />
      ${props.isDlq ? html`<${ActionButton} label="Start redrive to source queues" run=${redrive} />` : null}
    </div>
    ${
      peeked
        ? html`<ol class="messages" aria-label="Peeked messages">${peeked.map(
            (m) => html`<li>
      <p class="mono">${m.MessageId} · received ${m.Attributes?.ApproximateReceiveCount ?? '?'}× · sent ${formatTime(Number(m.Attributes?.SentTimestamp))}</p>
      <${Json} value=${m.Body} label="Message body" />
      ${m.MessageAttributes ? html`<details><summary>Message attributes</summary><${Json} value=${m.MessageAttributes} /></details>` : null}
    </li>`,
          )}</ol>`
        : null
    }
    <${TextArea} id="send-body" label="Message body" value=${body} onInput=${setBody} rows=${4} />
    <${ActionButton} label="Send message" run=${send} />
  </${Section}>`;
}
