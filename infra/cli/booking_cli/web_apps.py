"""Upload the built web apps to their S3 buckets, with the stage's config.json.

* ``deploy`` (``make run`` and the browser tests' fixture): LocalStack. The apps are served by S3
  website hosting, host-based as LocalStack's free edition does it:
  ``http://<bucket>.s3-website.localhost:<port>/`` (Chromium resolves ``*.localhost`` to
  loopback), and sign in with the local stack's sign-in.
* ``publish`` (the deploy pipeline, after ``sam deploy``): AWS. The same build goes to the same
  buckets, served by CloudFront, with a config.json naming the stack's Cognito user pool
  (OIDC code flow with PKCE); CloudFront is told to drop its copies of the no-cache files.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[3]
WEB = ROOT / "web"
APPS = ("customer", "admin", "kiosk")
# Outputs of template.yaml naming each app's bucket.
BUCKET_OUTPUTS = {app: f"Web{app.capitalize()}BucketName" for app in APPS}
# Files that must never be served stale: the entry page, the runtime settings, the service
# worker and its manifest. Hashed assets can be cached for good.
NO_CACHE = {"index.html", "config.json", "sw.js", "manifest.webmanifest", "registerSW.js"}

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


def app_config(api_url: str, stage: str, live_url: str | None = None) -> dict[str, Any]:
    """The runtime settings (``config.json``) of the local stack: its API, local sign-in and
    live updates (the WebSocket stand-in's URL; without one the screens poll)."""
    config: dict[str, Any] = {
        "apiUrl": api_url,
        "stage": stage,
        "auth": {"mode": "local", "signInUrl": f"{api_url}/auth/local/sign-in"},
    }
    if live_url:
        config["liveUrl"] = live_url
    return config


def website_url(endpoint: str, bucket: str) -> str:
    """The S3 website URL of ``bucket`` on the LocalStack at ``endpoint``."""
    port = urlsplit(endpoint).port or 4566
    return f"http://{bucket}.s3-website.localhost:{port}/"


def upload(s3: Any, bucket: str, dist: Path, config: dict[str, Any]) -> int:
    """Replace the bucket's contents with ``dist`` plus ``config.json``; return the file count."""
    if not (dist / "index.html").is_file():
        raise FileNotFoundError(f"{dist} has no index.html: build the apps first (make web-build)")
    existing = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    keys = []
    for path in sorted(dist.rglob("*")):
        if not path.is_file() or path.suffix == ".map":
            continue
        key = path.relative_to(dist).as_posix()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        cache = "no-cache" if key in NO_CACHE else "public, max-age=31536000, immutable"
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ContentType=content_type,
            CacheControl=cache,
        )
        keys.append(key)
    s3.put_object(
        Bucket=bucket,
        Key="config.json",
        Body=json.dumps(config, indent=2).encode(),
        ContentType="application/json",
        CacheControl="no-cache",
    )
    keys.append("config.json")
    stale = [{"Key": o["Key"]} for o in existing if o["Key"] not in keys]
    if stale:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": stale})
    return len(keys)


def deploy(
    s3: Any,
    endpoint: str,
    outputs: dict[str, str],
    api_url: str,
    stage: str,
    live_url: str | None = None,
) -> dict[str, str]:
    """Upload every built app to its bucket of the stack with ``outputs``; return their URLs."""
    config = app_config(api_url, stage, live_url)
    urls = {}
    for app in APPS:
        bucket = outputs[BUCKET_OUTPUTS[app]]
        upload(s3, bucket, WEB / "apps" / app / "dist", config)
        urls[app] = website_url(endpoint, bucket)
    return urls


def aws_config(outputs: dict[str, str]) -> dict[str, Any]:
    """The runtime settings of an AWS stage: its API, its Cognito user pool's app client and its
    WebSocket API (the LiveApi stage's wss URL)."""
    return {
        "apiUrl": outputs["ApiUrl"],
        "stage": outputs["Stage"],
        "liveUrl": outputs["LiveWebSocketUrl"],
        "auth": {
            "mode": "oidc",
            "authority": outputs["CognitoAuthority"],
            "clientId": outputs["WebUserPoolClientId"],
            "scope": "openid email profile",
        },
    }


def publish(s3: Any, cloudfront: Any, outputs: dict[str, str]) -> dict[str, str]:
    """Upload every built app to its AWS bucket, refresh CloudFront; return the apps' URLs."""
    config = aws_config(outputs)
    urls = {}
    for app in APPS:
        upload(s3, outputs[BUCKET_OUTPUTS[app]], WEB / "apps" / app / "dist", config)
        url = outputs[f"Web{app.capitalize()}Url"]
        distribution = outputs[f"Web{app.capitalize()}DistributionId"]
        cloudfront.create_invalidation(
            DistributionId=distribution,
            InvalidationBatch={
                "Paths": {"Quantity": len(NO_CACHE), "Items": [f"/{k}" for k in sorted(NO_CACHE)]},
                "CallerReference": f"{app}-{time.time_ns()}",
            },
        )
        urls[app] = url
    return urls


def _stack_outputs(cloudformation: Any, stack: str) -> dict[str, str]:
    described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def main() -> None:
    """``deploy ENDPOINT OUTPUTS_JSON API_URL STAGE [--live-url WS_URL]`` (LocalStack) or
    ``publish --stack NAME`` (AWS): upload and print the apps' URLs as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    local = commands.add_parser("deploy", help="upload to the local stack's buckets")
    local.add_argument("endpoint")
    local.add_argument("outputs", type=Path, help="stack outputs as JSON")
    local.add_argument("api_url")
    local.add_argument("stage")
    local.add_argument("--live-url", help="the WebSocket stand-in's ws:// URL (live updates)")
    aws = commands.add_parser("publish", help="upload to an AWS stack's buckets")
    aws.add_argument("--stack", required=True)
    args = parser.parse_args()
    if args.command == "deploy":
        from booking_cli import localcloud

        s3 = localcloud.client("s3", args.endpoint)
        outputs = json.loads(args.outputs.read_text())
        urls = deploy(s3, args.endpoint, outputs, args.api_url, args.stage, args.live_url)
    else:
        import boto3  # the caller's AWS credentials and region, as for sam deploy

        outputs = _stack_outputs(boto3.client("cloudformation"), args.stack)
        urls = publish(boto3.client("s3"), boto3.client("cloudfront"), outputs)
    json.dump(urls, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
