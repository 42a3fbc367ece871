import os, time
from bench.db import bench_database, add_club, reset_bookings, first_bookable_hour
from bench import create
with bench_database() as url:
    os.environ["DATABASE_URL"]=url; os.environ["JWT_SECRET"]="bench-secret-bench-secret-bench-secret"; os.environ.pop("EVENT_BUS_NAME",None)
    from booking import config; config.settings.cache_clear(); config.database_url.cache_clear()
    t=time.time(); club=add_club(url, slug="bench-create", bays=64, users=20000); print("club", time.time()-t)
    jobs=create.make_jobs(club, first_bookable_hour(), limit=20000); print(len(jobs))
    for name, make, n in [("floor", create.floor_op(url, jobs, club.location_id),1), ("handler", create.handler_op(jobs, idempotency=False),1), ("handler+key", create.handler_op(jobs, idempotency=True),1), ("floor", create.floor_op(url, jobs, club.location_id),8),("handler", create.handler_op(jobs, idempotency=False),8),("floor", create.floor_op(url, jobs, club.location_id),64),("handler", create.handler_op(jobs, idempotency=False),64)]:
        reset_bookings(url)
        m=create.run_level(make, n, len(jobs), warmup=0.5, duration=3)
        print(name, n, m.summary())
