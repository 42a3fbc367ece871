#!/usr/bin/env bash
# Deploy a SAM template to the running LocalStack and print the stack outputs as JSON (stdout).
#
# Usage: infra/local/deploy.sh [template] [stack-name] [Key=Value ...]
#   template    default: template.yaml at the repo root
#   stack-name  default: booking-local
#   Key=Value   SAM parameter overrides
# Environment: LOCALSTACK_ENDPOINT (default: the one infra/local/localstack.sh started),
#   SAM_ARTIFACT_BUCKET (default: sam-artifacts), AWS_DEFAULT_REGION (default: us-east-1).
#
# No `sam build`: CodeUri folders are zipped as they are. The functions' dependencies come from
# the interpreter the process executor runs them with (the project venv), as layers would.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SAM_VENV="$ROOT/.venvs/sam"
STATE="${LOCALSTACK_STATE_DIR:-$ROOT/.localstack}"

log() { printf '[deploy] %s\n' "$*" >&2; }
die() { printf '[deploy] ERROR: %s\n' "$*" >&2; exit 1; }

template="$(realpath "${1:-$ROOT/template.yaml}")"
stack="${2:-booking-local}"
shift $(($# < 2 ? $# : 2))
[[ -f "$template" ]] || die "no template at $template"
[[ -x "$SAM_VENV/bin/sam" ]] || die "no SAM CLI at $SAM_VENV: run infra/local/install.sh first"

endpoint="${LOCALSTACK_ENDPOINT:-}"
if [[ -z "$endpoint" ]]; then
    endpoint="$("$ROOT/infra/local/localstack.sh" endpoint 2>/dev/null)" \
        || die "LocalStack is not running: run infra/local/localstack.sh start (or set LOCALSTACK_ENDPOINT)"
fi

# Everything below talks to LocalStack only, never to a real account.
export AWS_ENDPOINT_URL="$endpoint"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export SAM_CLI_TELEMETRY=0 SAM_CLI_CONTEXT_ENABLED=0
# LocalStack answers in milliseconds; SAM polls every 5 s by default.
export SAM_CLI_POLL_DELAY=0.5
bucket="${SAM_ARTIFACT_BUCKET:-sam-artifacts}"

"$SAM_VENV/bin/python" - "$bucket" <<'EOF'
import sys
import boto3
s3 = boto3.client("s3")
names = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
if sys.argv[1] not in names:
    s3.create_bucket(Bucket=sys.argv[1])
EOF

# An empty config file, so that the repo's samconfig.toml (written for real AWS) cannot add
# settings that clash with these flags.
mkdir -p "$STATE"
config_file="$STATE/samconfig-empty.toml"
echo 'version = 0.1' >"$config_file"

# A template with a Platform parameter (template.yaml) is told it runs on LocalStack, which
# switches off what only AWS has (VPC, Aurora, RDS Proxy, CodeDeploy canaries, SnapStart, WAF).
# Given first, so an explicit Platform=... among the arguments still wins.
params=()
if grep -qE '^  Platform:' "$template"; then params+=("Platform=localstack"); fi
# A new DeployId per deploy runs the template's migrations step (SchemaMigrations) each time.
if grep -qE '^  DeployId:' "$template"; then params+=("DeployId=local-$(date +%s%N)"); fi
params+=("$@")
overrides=()
if ((${#params[@]} > 0)); then overrides=(--parameter-overrides "${params[@]}"); fi

log "sam deploy $(basename "$template") as stack '$stack' to $endpoint"
started=$SECONDS
# sam writes its progress to stdout; keep stdout for the outputs JSON.
(cd "$(dirname "$template")" && "$SAM_VENV/bin/sam" deploy \
    --config-file "$config_file" \
    --template-file "$template" \
    --stack-name "$stack" \
    --s3-bucket "$bucket" \
    --s3-prefix "$stack" \
    --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND \
    --no-confirm-changeset \
    --no-fail-on-empty-changeset \
    --region "$AWS_DEFAULT_REGION" \
    "${overrides[@]}") >&2
log "deployed in $((SECONDS - started)) s"

"$SAM_VENV/bin/python" - "$stack" <<'EOF'
import json
import sys
import boto3
stack = boto3.client("cloudformation").describe_stacks(StackName=sys.argv[1])["Stacks"][0]
outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
print(json.dumps(outputs, indent=2, sort_keys=True))
EOF
