// Recommendations with their reasons; a strategy switch and "only on my services".
import { useState } from "preact/hooks";

import { call, type Schemas } from "../api";
import { ErrorNote, Loading, MediaLine, Poster, Screen, useLoad } from "../ui";

type Strategy = Schemas["StrategyName"];
const STRATEGIES: [Strategy, string][] = [
  ["hybrid", "Blend of all"],
  ["popular", "Popular"],
  ["user_cf", "People like me"],
  ["item_cf", "Titles like mine"],
  ["content", "Same genres and themes"],
  ["mf", "Learned taste (model)"],
];

export function RecsScreen() {
  const [strategy, setStrategy] = useState<Strategy>("hybrid");
  const [mine, setMine] = useState(false);
  const recs = useLoad(
    () =>
      call((api) =>
        api.GET("/api/v1/recommendations", { params: { query: { strategy, on_my_services: mine, limit: 20 } } }),
      ),
    [strategy, mine],
  );
  return (
    <Screen title="For you">
      <div class="card row">
        <label>
          Strategy
          <select value={strategy} onChange={(e) => setStrategy(e.currentTarget.value as Strategy)}>
            {STRATEGIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} /> Only on my
          services
        </label>
      </div>
      <ErrorNote error={recs.error} />
      {!recs.value && !recs.error && <Loading what="recommendations" />}
      {recs.value && (
        <>
          <p class="muted" role="status">
            {recs.value.items.length} picks, served by {recs.value.served_by}.
          </p>
          <ul class="hits">
            {recs.value.items.map((item) => (
              <li class="hit" key={item.media.id}>
                <Poster media={item.media} />
                <div class="grow">
                  <MediaLine media={item.media} />
                  <ul class="reasons">
                    {item.reasons.map((reason) => (
                      <li key={reason.code + reason.text}>{reason.text}</li>
                    ))}
                  </ul>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
