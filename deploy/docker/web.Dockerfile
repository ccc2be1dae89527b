# syntax=docker/dockerfile:1
# The web app (web/): the drawing page and the APIs. Build context is the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t mathcluster/web:latest .
# On its own (`docker run -p 8080:8080 mathcluster/web`) it hosts an embedded silo; set Cluster__Mode=Client
# to make it a client of a silo cluster, as compose.yaml and k8s/web.yaml do.

# The SDK runs on the build machine's platform and publishes for the target's, so `buildx --platform` needs no emulation.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src

# Restore from the project files alone, so an edit to the sources reuses the restored layer.
# Directory.Build.targets imports build/, so it comes along even though only the trainer needs its patch.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY grains/Recognition/Recognition.csproj grains/Recognition/
COPY grains/Grains.Abstractions/Grains.Abstractions.csproj grains/Grains.Abstractions/
COPY grains/Grains/Grains.csproj grains/Grains/
COPY grains/Hosting/Hosting.csproj grains/Hosting/
COPY web/Web.csproj web/
RUN dotnet restore web/Web.csproj -a $TARGETARCH

COPY grains/ grains/
COPY web/ web/
RUN dotnet publish web/Web.csproj -c Release -a $TARGETARCH --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl serves the compose healthchecks; Kubernetes probes call the endpoints from the kubelet.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# URLS instead of the base image's HTTP_PORTS, which is cleared so ASP.NET Core does not warn about the override.
ENV ASPNETCORE_HTTP_PORTS="" \
    ASPNETCORE_URLS=http://+:8080
# HTTP: the page, the APIs, /healthz and /readyz.
EXPOSE 8080
# The non-root user every .NET 8+ image ships (APP_UID=1654), numeric so Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
ENTRYPOINT ["dotnet", "MathCluster.Web.dll"]
