import { startApp } from "@booking/ui";
import "./styles.css";
import { App } from "./app/App";

void startApp((config) => <App config={config} />);
