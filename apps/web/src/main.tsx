import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/global.css';
import { installScrollRegions } from './lib/scroll-regions.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
installScrollRegions();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
