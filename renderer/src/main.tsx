import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, NoTransport } from './App.tsx';
import { selectTransport } from './api/select.ts';
import 'react-day-picker/style.css';
import './styles.css';

const transport = selectTransport();
const root = createRoot(document.getElementById('root') as HTMLElement);
document.documentElement.dataset['transport'] = transport.kind;
root.render(<StrictMode>{transport.api ? <App api={transport.api} /> : <NoTransport />}</StrictMode>);
