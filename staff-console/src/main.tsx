import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { browserDependencies } from './app/browser-dependencies.ts';
import { ConsoleController } from './app/console-controller.ts';
// The shared sheet first, so the app's own rules win where both speak.
import '@madoguchi/shared/client/ui/base.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The controller lives outside React: it owns the socket and the clerk's devices for the page's life.
const controller = new ConsoleController(browserDependencies());
void controller.init();

createRoot(root).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);
