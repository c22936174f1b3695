import { format, isValid, parse } from 'date-fns';
import { useEffect, useId, useRef, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { enUS } from 'react-day-picker/locale/en-US';
import { ptBR } from 'react-day-picker/locale/pt-BR';
import { getLocale } from '../../../shared/i18n/index.ts';
import { t } from '../i18n/messages.ts';
import { useEscape } from './escape.ts';

/** The app's locale, not the browser's: a Windows in English still shows 29/11/2026 to a pt-BR shop. */
const pattern = () => (getLocale() === 'en' ? 'MM/dd/yyyy' : 'dd/MM/yyyy');
const calendarLocale = () => (getLocale() === 'en' ? enUS : ptBR);

const fromIso = (iso: string): Date | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const d = parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(d) ? d : undefined;
};
const toIso = (d: Date) => format(d, 'yyyy-MM-dd');
export const showDate = (iso: string): string => {
  const d = fromIso(iso);
  return d ? format(d, pattern()) : '';
};

/** Typed text → ISO day; '' for empty; null when it is not a date (31/02/2026, 1/13/2026, "ontem"). */
export const readTypedDate = (text: string): string | null => {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(trimmed)) return null;
  const d = parse(trimmed, getLocale() === 'en' ? 'M/d/yyyy' : 'd/M/yyyy', new Date(2000, 0, 1));
  return isValid(d) && d.getFullYear() >= 1900 ? toIso(d) : null;
};

interface Props {
  id?: string;
  label: string;
  /** ISO day (AAAA-MM-DD) or '' for none. */
  value: string;
  onChange: (iso: string) => void;
  /** Visually hidden label (the filters bar shows its own short one). */
  hideLabel?: boolean;
}

/**
 * A date typed as dd/mm/aaaa or picked on a calendar in the app's language; never the browser's
 * own date input, whose format follows the operating system (mm/dd/yyyy on an English Windows).
 */
export const DateField = ({ id, label, value, onChange, hideLabel }: Props) => {
  const auto = useId();
  const inputId = id ?? `${auto}-date`;
  const [text, setText] = useState(() => showDate(value));
  const [bad, setBad] = useState(false);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setText(showDate(value));
    setBad(false);
  }, [value]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  useEscape(() => close(true), open);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (boxRef.current && e.target instanceof Node && !boxRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const commit = () => {
    const iso = readTypedDate(text);
    if (iso === null) {
      setBad(true);
      return;
    }
    setBad(false);
    if (iso !== value) onChange(iso);
    else setText(showDate(value));
  };
  const hintId = `${inputId}-hint`;
  const selected = fromIso(value);

  return (
    <div className="date-field" ref={boxRef}>
      <label htmlFor={inputId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <div className="date-input">
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('date.placeholder')}
          size={10}
          value={text}
          aria-invalid={bad ? true : undefined}
          aria-describedby={bad ? hintId : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <button
          ref={buttonRef}
          type="button"
          className="small date-button"
          aria-label={t('date.open', { label })}
          aria-haspopup="dialog"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16">
            <path fill="currentColor" d="M4 0h2v2h4V0h2v2h3v14H1V2h3zm-1 6v8h10V6zm2 2h2v2H5zm4 0h2v2H9z" />
          </svg>
        </button>
      </div>
      {bad && (
        <p id={hintId} className="hint hint-error" role="alert">
          {t('date.invalid', { text: text.trim() })}
        </p>
      )}
      {open && (
        <div className="date-popover" role="dialog" aria-label={t('date.calendar', { label })}>
          <DayPicker
            mode="single"
            locale={calendarLocale()}
            selected={selected}
            defaultMonth={selected ?? new Date()}
            autoFocus
            onSelect={(d) => {
              onChange(d ? toIso(d) : '');
              close(true);
            }}
          />
          {value && (
            <button
              type="button"
              className="small"
              onClick={() => {
                onChange('');
                close(true);
              }}
            >
              {t('date.clear')}
            </button>
          )}
        </div>
      )}
    </div>
  );
};
