/** A key name beside a control it triggers; takes the colour of its surroundings (buttons of any tone). */
export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="rounded border border-current px-1 font-mono text-[10px] leading-tight opacity-60">{children}</kbd>
  );
}
