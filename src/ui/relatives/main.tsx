/** Entry point of the relatives' pages (issue 10 builds them; first: accepting an invitation). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FamilyApp } from './app.js';
import '../../../assets/fonts/fonts.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <FamilyApp />
    </StrictMode>,
  );
