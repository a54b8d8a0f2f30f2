import { OpenAssistant } from '../../../features/assistant/open-assistant';

export default function AssistantPage() {
  return <OpenAssistant />;
}
