import { NoConversationOpen } from '../../features/messenger/no-conversation-open';

export default function HomePage() {
  return <NoConversationOpen />;
}
