# The suite's image: Locust's own (same version as requirements.txt), plus the pinned
# packages and this project. It runs the master, the workers and the emulator alike.
FROM locustio/locust:2.47.0

WORKDIR /home/locust/app
COPY --chown=locust requirements.txt constraints.txt ./
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt
COPY --chown=locust . .

# Reports and ledgers go here; docker-compose.yml mounts ./reports over it. Writable by
# any user, as compose may run the containers as the host's user to own what they write.
RUN mkdir -m 1777 -p /home/locust/reports
