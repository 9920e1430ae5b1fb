import { usePopover } from '../store';
import { DiagnosisView } from './DiagnosisView';
import { EmptyState } from './EmptyState';
import { FixStatus } from './FixStatus';
import { Footer } from './Footer';
import { Header } from './Header';
import { SettingsPanel } from './SettingsPanel';

export function App() {
  const ready = usePopover((state) => state.ready);
  const diagnosis = usePopover((state) => state.app.diagnosis);
  const settings = usePopover((state) => state.app.settings);
  const settingsOpen = usePopover((state) => state.settingsOpen);

  if (!ready) return <div className="popover" aria-busy="true" />;

  return (
    <div className="popover">
      <Header />
      <main className="content">
        {settingsOpen && settings ? (
          <SettingsPanel settings={settings} />
        ) : (
          <>
            <FixStatus />
            {diagnosis ? <DiagnosisView diagnosis={diagnosis} /> : <EmptyState />}
          </>
        )}
      </main>
      <Footer />
    </div>
  );
}
