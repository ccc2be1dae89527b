# syntax=docker/dockerfile:1
# The recognizer silo (silo/). Build context is the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t mathcluster/silo:latest .

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
COPY silo/Silo.csproj silo/
RUN dotnet restore silo/Silo.csproj -a $TARGETARCH

COPY grains/ grains/
COPY silo/ silo/
RUN dotnet publish silo/Silo.csproj -c Release -a $TARGETARCH --no-restore -o /app

# aspnet rather than runtime: the hosting defaults (grains/Hosting: health checks, the Orleans dashboard) need the ASP.NET Core shared framework,
# and the silo's health endpoints (Cluster:HealthPort) are HTTP.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl serves the compose healthchecks; Kubernetes probes call the endpoints from the kubelet.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The base image points ASP.NET Core at 8080; the silo's only HTTP port is its health port.
ENV ASPNETCORE_HTTP_PORTS="" \
    Cluster__HealthPort=8081
# Silo-to-silo (Cluster:SiloPort), client gateway (Cluster:GatewayPort), health (Cluster:HealthPort).
EXPOSE 11111 30000 8081
# The non-root user every .NET 8+ image ships (APP_UID=1654), numeric so Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
ENTRYPOINT ["dotnet", "MathCluster.Silo.dll"]
