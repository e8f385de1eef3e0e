-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "templateMessageTokens" INTEGER[] DEFAULT ARRAY[]::INTEGER[];
