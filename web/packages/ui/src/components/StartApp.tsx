import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { type AppConfig, loadConfig } from "../lib/config";

/**
 * Load /config.json, then render the app; if the config can't be had, say so on the page
 * (never a blank screen).
 */
export async function startApp(render: (config: AppConfig) => ReactNode): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("no #root element");
  const root = createRoot(container);
  try {
    const config = await loadConfig();
    root.render(<StrictMode>{render(config)}</StrictMode>);
  } catch {
    root.render(
      <main className="p-6">
        <h1 className="text-xl font-bold">Can't start</h1>
        <p role="alert">The app's settings couldn't be loaded. Check your connection and reload.</p>
      </main>,
    );
  }
}
