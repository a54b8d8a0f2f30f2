import { notFound } from 'next/navigation';
import { ConversationPane } from '../../../../features/messages/conversation-pane';

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const conversationId = Number(id);
  if (!Number.isSafeInteger(conversationId) || conversationId <= 0) notFound();
  return <ConversationPane key={conversationId} conversationId={conversationId} />;
}
